// Rules of the CPI's priority lists: the codice fiscale (check character, omocodia, birth date),
// the import's per-line errors in the reader's language (CSV and XLSX), the reminder's day.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { codiceFiscaleCheckCharacter, isValidCodiceFiscale } from '../../domain/identity-documents';
import { appointmentReminderAt, codiceFiscaleMatchesBirthDate, previousWorkingDay } from '../../domain/priority-lists';
import { fromLocal, toLocal } from '../../domain/working-days';
import { parseBirthDate, parseWorkersFile } from '../../api/services/priority-lists';
import { demoPriorityListCsv } from '../../db/seed/demo-priority-list';

describe('codice fiscale', () => {
  it('accepts real-format codes whose 16th character checks the other fifteen (DM 23/12/1976)', () => {
    // Mario Rossi, 10/12/1985, Bagno a Ripoli: the Agenzia delle Entrate's own example.
    expect(codiceFiscaleCheckCharacter('RSSMRA85T10A562')).toBe('S');
    for (const cf of ['VRDGPP80A01A662A', 'BNCLRA92M52F205H', 'ESPLCU90E41L219I', 'FRRNNA70L45L049Q', 'DMCGPP68T12E506T']) expect(isValidCodiceFiscale(cf)).toBe(true);
    // One character changed anywhere → refused.
    expect(isValidCodiceFiscale('VRDGPP80A01A662B')).toBe(false);
    expect(isValidCodiceFiscale('VRDGPP80A01A663A')).toBe(false);
    expect(isValidCodiceFiscale('VRDGPP80A01A62A')).toBe(false);
  });

  it('accepts omocodia (digits replaced by L M N P Q R S T U V) with its own check character', () => {
    expect(isValidCodiceFiscale('RSSMRA85T10A5MNN')).toBe(true);
    expect(isValidCodiceFiscale('RSSMRA85T10A5MNS')).toBe(false);
  });

  it('reads the birth date back: year, month letter, day (+40 for women), omocodia included', () => {
    expect(codiceFiscaleMatchesBirthDate('RSSMRA85T10A562S', '1985-12-10')).toBe(true);
    expect(codiceFiscaleMatchesBirthDate('BNCLRA92M52F205H', '1992-08-12')).toBe(true);
    expect(codiceFiscaleMatchesBirthDate('RSSMRA85T10A5MNN', '1985-12-10')).toBe(true);
    expect(codiceFiscaleMatchesBirthDate('RSSMRA85T10A562S', '1985-12-11')).toBe(false);
    expect(codiceFiscaleMatchesBirthDate('RSSMRA85T10A562S', '1985-11-10')).toBe(false);
  });

  it('birth dates as Italian spreadsheets write them', () => {
    expect(parseBirthDate('10/12/1985')).toBe('1985-12-10');
    expect(parseBirthDate('1985-12-10')).toBe('1985-12-10');
    expect(parseBirthDate('31/02/1985')).toBeNull();
    expect(parseBirthDate('12/10')).toBeNull();
  });
});

const csv = (text: string) => ({ name: 'lista.csv', content: Buffer.from(text) });

describe('priority list file', () => {
  it('reads a CSV with ; and the optional benefit column', async () => {
    const parsed = await parseWorkersFile(csv('codice_fiscale;nome;cognome;data_nascita;provincia;beneficio\nrssmra85t10a562s;Mario;Rossi;10/12/1985;ba;NASpI\nBNCLRA92M52F205H;Laura;Bianchi;12/08/1992;LE;\n'), 'it');
    expect(parsed).toEqual({
      workers: [
        { line: 2, codiceFiscale: 'RSSMRA85T10A562S', firstName: 'Mario', lastName: 'Rossi', birthDate: '1985-12-10', province: 'BA', benefit: 'NASpI' },
        { line: 3, codiceFiscale: 'BNCLRA92M52F205H', firstName: 'Laura', lastName: 'Bianchi', birthDate: '1992-08-12', province: 'LE', benefit: null },
      ],
    });
  });

  it('lists every problem by line in the reader’s language', async () => {
    const text = 'codice_fiscale,nome,cognome,data_nascita,provincia\nRSSMRA85T10A562T,Mario,Rossi,10/12/1985,BA\nBNCLRA92M52F205H,,Bianchi,12/08/1992,XX\nBNCLRA92M52F205H,Laura,Bianchi,12/08/1993,LE\n';
    const it_ = await parseWorkersFile(csv(text), 'it');
    expect(it_).toEqual({
      problems: [
        { line: 2, message: 'Riga 2: codice fiscale «RSSMRA85T10A562T» non valido (formato o carattere di controllo)' },
        { line: 3, message: 'Riga 3: manca il nome' },
        { line: 3, message: 'Riga 3: «XX» non è la sigla di una provincia italiana (BA, LE, TA…)' },
        { line: 4, message: 'Riga 4: il codice fiscale «BNCLRA92M52F205H» compare già alla riga 3' },
        { line: 4, message: 'Riga 4: il codice fiscale «BNCLRA92M52F205H» non corrisponde alla data di nascita 12/08/1993' },
      ],
    });
    const es = await parseWorkersFile(csv(text), 'es');
    expect('problems' in es && es.problems[0].message).toBe('Línea 2: codice fiscale «RSSMRA85T10A562T» no válido (formato o carácter de control)');
    expect(await parseWorkersFile(csv('cf,nome\nRSSMRA85T10A562S,Mario\n'), 'en')).toEqual({
      problems: [{ line: 1, message: 'Line 1: columns cognome, data_nascita, provincia are missing (expected header: codice_fiscale, nome, cognome, data_nascita, provincia, beneficio)' }],
    });
  });

  it('the CPI Demo’s list is valid: twenty workers, codici fiscali matching their birth dates', async () => {
    const parsed = await parseWorkersFile({ name: 'demo.csv', content: Buffer.from(demoPriorityListCsv) }, 'it');
    expect('workers' in parsed && parsed.workers).toHaveLength(20);
  });

  it('reads an XLSX whose birth dates are date cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Lista');
    ws.addRow(['Codice fiscale', 'Nome', 'Cognome', 'Data nascita', 'Provincia']);
    ws.addRow(['VRDGPP80A01A662A', 'Giuseppe', 'Verdi', new Date(Date.UTC(1980, 0, 1)), 'TA']);
    ws.addRow(['FRRNNA70L45L049Q', 'Anna', 'Ferri', '05/07/1970', 'TA']);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const parsed = await parseWorkersFile({ name: 'lista.xlsx', content }, 'it');
    expect(parsed).toMatchObject({ workers: [{ line: 2, codiceFiscale: 'VRDGPP80A01A662A', birthDate: '1980-01-01' }, { line: 3, birthDate: '1970-07-05' }] });
    expect(await parseWorkersFile({ name: 'lista.xlsx', content: Buffer.from('not a zip') }, 'it')).toEqual({ problems: [{ line: 1, message: 'Riga 1: il file non è un foglio Excel (.xlsx) leggibile' }] });
  });
});

describe('appointment reminder day', () => {
  const calendar = { timezone: 'Europe/Rome', holidays: ['2026-06-02'] };
  const at = (d: string, h = 10) => fromLocal({ year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)), hour: h, minute: 0, second: 0 }, 'Europe/Rome');
  it('is the working day before, at the appointment’s time: Monday → Friday, after a holiday → the day before it', () => {
    expect(appointmentReminderAt(at('2026-06-08'), calendar)).toEqual(at('2026-06-05'));
    // Wednesday 3 June 2026, after the Festa della Repubblica (Tuesday 2) → Monday 1.
    expect(previousWorkingDay(at('2026-06-03', 9), calendar)).toEqual(at('2026-06-01', 9));
    expect(toLocal(appointmentReminderAt(at('2026-06-10', 15), calendar), 'Europe/Rome')).toMatchObject({ day: 9, hour: 15 });
  });
});
