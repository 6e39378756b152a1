// The SEPE ENPI file for 10,000 people attended versus 100, in the same run, so the ratio says what
// the file's size costs: the completeness check and the records (domain/sepe), the XML written as
// ISO-8859-1 bytes (documents/sepe), and its validation against XML_ENPI v1.1 with xmllint (wasm).
// No database: the input is the typed data the API will read (support/sepe-fixtures.ts).
//   npm run bench:sepe-enpi      (PERSONS=10000 SMALL=100 RUNS=5 to change the sizes)
import { parseSepePeriod } from '../domain/sepe/period';
import { checkSepeWorkersFile, renderEnpiFile } from '../documents/sepe/files';
import { validateSepeXml } from '../platform/sepe-xml-validator';
import { sepeOffers, sepeWorkers } from '../support/sepe-fixtures';
import { ms, summarize } from './support';

const PERSONS = Number(process.env.PERSONS ?? 10_000);
const SMALL = Number(process.env.SMALL ?? 100);
const RUNS = Number(process.env.RUNS ?? 5);

const parsed = parseSepePeriod('202603', 'enpi', '2026-04-01');
if (!parsed.ok) throw new Error(parsed.problem);
const period = parsed.period;
const sender = { agencyCode: '9900000001' };

async function measure(count: number) {
  const workers = sepeWorkers(count);
  const check: number[] = [];
  const render: number[] = [];
  const validate: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS + 1; run++) {
    let t = performance.now();
    const problems = checkSepeWorkersFile('enpi', { sender, period, workers, offers: sepeOffers });
    const checkMs = performance.now() - t;
    if (problems.length) throw new Error(`fixtures incomplete: ${problems[0].code}`);
    t = performance.now();
    const file = renderEnpiFile({ sender, period, workers, offers: sepeOffers });
    const renderMs = performance.now() - t;
    t = performance.now();
    const result = await validateSepeXml(file.content, 'enpi');
    const validateMs = performance.now() - t;
    if (!result.valid) throw new Error(`invalid ENPI: ${result.errors[0]}`);
    bytes = file.content.byteLength;
    if (run === 0) continue; // warm-up: module loading, JIT, the wasm instance
    check.push(checkMs);
    render.push(renderMs);
    validate.push(validateMs);
  }
  const total = check.map((c, i) => c + render[i] + validate[i]);
  return { check: summarize(check), render: summarize(render), validate: summarize(validate), total: summarize(total), bytes };
}

const small = await measure(SMALL);
const big = await measure(PERSONS);
const line = (label: string, r: Awaited<ReturnType<typeof measure>>) =>
  `  ${label.padStart(6)} persons:  check ${ms(r.check.p50)}  render (check included) ${ms(r.render.p50)}  validate ${ms(r.validate.p50)}  total p50 ${ms(r.total.p50)}  max ${ms(r.total.max)}  (${(r.bytes / 1024).toFixed(0)} KiB)`;
console.log(`
SEPE ENPI file: completeness check + records, XML as ISO-8859-1 bytes, xmllint validation against XML_ENPI v1.1; ${RUNS} runs each after a warm-up, p50 per step (the total counts the check twice, as the API will: the check page, then the download)
${line(String(PERSONS), big)}
${line(String(SMALL), small)}
  ratio ${PERSONS} / ${SMALL}: total p50 ×${(big.total.p50 / small.total.p50).toFixed(1)} for ×${(PERSONS / SMALL).toFixed(0)} persons (render ×${(big.render.p50 / small.render.p50).toFixed(1)}, validate ×${(big.validate.p50 / small.validate.p50).toFixed(1)})
  throughput: ${((PERSONS / big.total.p50) * 1000).toFixed(0)} persons/s generated and validated
`);
process.exit(0);
