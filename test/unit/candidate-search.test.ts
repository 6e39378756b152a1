// Candidate search's pure rules: the offer's criteria with the panel's overrides, what each asks of
// a CV (education at or above a level, language names and levels, birth dates for an age range on
// the start date, occupations whatever their gender), and the SQL each criterion becomes.
import { describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import { criterionSql, overridesOf, searchPlan } from '../../api/services/candidate-search';
import {
  ageOn,
  askedCriteria,
  birthDateBounds,
  criterionDetail,
  educationLevelsAtLeast,
  effectiveCriteria,
  languageKeys,
  notApplicable,
  occupationPattern,
  type CvFacts,
} from '../../domain/job-offers/candidate-search';

const dialect = new PgDialect();
const ctx = { organisationId: 'org', offerId: 'offer', userId: 'user', on: '2027-03-01' };

describe('candidate search criteria', () => {
  it('overrides replace the offer’s values, add new ones, and 0 years drops the experience criterion', () => {
    const offer = { occupation: '5120', occupationText: 'Camarero', educationLevel: '20', minExperienceYears: 2, ageMax: 45, province: 'Zaragoza', municipality: 'Calatayud' };
    const c = effectiveCriteria(offer, overridesOf({ educationLevel: '30', licences: 'B,C1', minExperienceYears: '0' }));
    expect(c).toMatchObject({ occupation: 'Camarero', educationLevel: '30', licences: ['B', 'C1'], minExperienceYears: 0, ageMax: 45, location: 'Calatayud' });
    expect(askedCriteria(c)).toEqual(['occupation', 'educationLevel', 'licences', 'age', 'location']);
    expect(notApplicable({ ownVehicle: true, keywords: '' })).toEqual(['ownVehicle']);
  });

  it('education at or above a SEPE level or a CV level; unknown levels are refused', () => {
    expect(educationLevelsAtLeast('20')).toEqual(['lower_secondary', 'upper_secondary', 'vocational_intermediate', 'vocational_higher', 'university_degree', 'master', 'doctorate']);
    expect(educationLevelsAtLeast('university_degree')).toEqual(['university_degree', 'master', 'doctorate']);
    expect(educationLevelsAtLeast('99')).toBeNull();
    expect(educationLevelsAtLeast('phd')).toBeNull();
  });

  it('a language by code or name, in the names CVs use, at or above the level', () => {
    const keys = languageKeys({ code: 'en', level: 'C1' });
    expect(keys).toEqual(expect.arrayContaining(['ingles:C1', 'ingles:C2', 'ingles:native', 'english:C1', 'inglese:native']));
    expect(keys).not.toContain('ingles:B2');
    expect(languageKeys({ code: 'Francés' })).toEqual(expect.arrayContaining(['frances:A1', 'french:native']));
  });

  it('ages counted on the start date give the birth-date bounds, 29 February included', () => {
    expect(birthDateBounds('2027-03-01', 18, 45)).toEqual({ bornOnOrBefore: '2009-03-01', bornAfter: '1981-03-01' });
    expect(birthDateBounds('2028-02-29', 18)).toEqual({ bornOnOrBefore: '2010-02-28', bornAfter: undefined });
    expect(ageOn('1981-01-15', '2026-12-08')).toBe(45);
    expect(ageOn('1981-01-15', '2027-03-01')).toBe(46);
    expect(ageOn('1981-03-01', '2027-03-01')).toBe(46);
  });

  it('an occupation matches whatever its gender or number', () => {
    expect(occupationPattern('Camarero de sala')).toBe('%camarer%de%sala%');
    expect(occupationPattern('Reponedora')).toBe('%reponedor%');
    expect(occupationPattern('100%_x')).toBe('%100x%');
  });

  it('each criterion becomes indexable SQL; a relaxed one leaves the filter but still ranks', () => {
    const c = effectiveCriteria({ languages: [{ code: 'en', level: 'B2' }], licences: ['C'], educationLevel: '30' }, {});
    const languages = dialect.sqlToQuery(criterionSql('languages', c, ctx));
    expect(languages.sql).toContain('cv.language_keys && ARRAY[');
    expect(languages.params).toEqual(expect.arrayContaining(['ingles:B2', 'english:C2']));
    expect(dialect.sqlToQuery(criterionSql('licences', c, ctx)).sql).toContain('cv.driving_licences @> ARRAY[');
    const education = dialect.sqlToQuery(criterionSql('educationLevel', c, ctx));
    expect(education.params).toEqual(['[{"level":"vocational_higher"}]', '[{"level":"university_degree"}]', '[{"level":"master"}]', '[{"level":"doctorate"}]']);

    const relaxed = searchPlan({ languages: [{ code: 'en', level: 'B2' }], educationLevel: '30' }, { relax: 'educationLevel' }, ctx);
    const where = dialect.sqlToQuery(relaxed.where);
    expect(where.sql).toContain('cv.language_keys');
    expect(where.sql).not.toContain('cv.education @>');
    expect(dialect.sqlToQuery(relaxed.score).sql).toContain('cv.education @>');
  });

  it('the detail says what the CV holds', () => {
    const facts: CvFacts = {
      birthDate: '1990-05-10', address: 'C/ Mayor 3, Zaragoza', sex: 'female', disability: false, insertionGroups: ['long_term_unemployed'], workingTime: 'full_time', shifts: ['morning'], travel: true,
      drivingLicences: ['B'], educationLevels: ['primary', 'vocational_higher'], categories: ['peon'], occupations: ['Camarera'], languages: [{ language: 'Inglés', level: 'B2' }, { language: 'Árabe', level: 'native' }],
      experienceYears: 4.96, cards: [{ code: 'carretillero', expiresOn: '2027-06-01' }],
    };
    const c = effectiveCriteria({ languages: [{ code: 'en' }] }, {});
    expect(criterionDetail('languages', c, facts, '2027-03-01')).toBe('Inglés B2');
    expect(criterionDetail('educationLevel', c, facts, '2027-03-01')).toBe('vocational_higher');
    expect(criterionDetail('experience', c, facts, '2027-03-01')).toBe('5');
    expect(criterionDetail('age', c, facts, '2027-03-01')).toBe('36');
    expect(criterionDetail('availability', c, facts, '2027-03-01')).toBe('full_time, morning, travel');
    expect(criterionDetail('longTermUnemployed', c, facts, '2027-03-01')).toBe('yes');
  });
});
