// The training catalogue as the course matching reads it: every course of an organisation with
// its competences and the providers that run it, per province (two queries, grouped in memory).
import { eq } from 'drizzle-orm';
import type { DbLike } from './client';
import { trainingCourseProviders, trainingCourses, trainingProviders } from './schema';
import type { CourseCandidate } from '../domain/skills-assessments';

export async function loadCourseCandidates(db: DbLike, organisationId: string): Promise<CourseCandidate[]> {
  const [courses, links] = await Promise.all([
    db
      .select({ id: trainingCourses.id, code: trainingCourses.code, title: trainingCourses.title, sector: trainingCourses.sector, province: trainingCourses.province, hours: trainingCourses.hours, competenceCodes: trainingCourses.competenceCodes })
      .from(trainingCourses)
      .where(eq(trainingCourses.organisationId, organisationId)),
    db
      .select({ courseId: trainingCourseProviders.courseId, providerId: trainingCourseProviders.providerId, province: trainingCourseProviders.province, name: trainingProviders.name })
      .from(trainingCourseProviders)
      .innerJoin(trainingProviders, eq(trainingProviders.id, trainingCourseProviders.providerId))
      .where(eq(trainingCourseProviders.organisationId, organisationId)),
  ]);
  const providersOf = new Map<string, CourseCandidate['providers']>();
  for (const l of links) {
    const list = providersOf.get(l.courseId) ?? [];
    list.push({ providerId: l.providerId, name: l.name, province: l.province });
    providersOf.set(l.courseId, list);
  }
  return courses.map((c) => ({
    courseId: c.id,
    code: c.code,
    title: c.title,
    sector: c.sector || null,
    province: c.province || null,
    hours: c.hours,
    competenceCodes: c.competenceCodes,
    providers: providersOf.get(c.id) ?? [],
  }));
}
