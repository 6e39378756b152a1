// Validates a generated SEPE file against its XSD (documents/sepe/xsd) with xmllint compiled to
// WebAssembly (the xmllint-wasm package): libxml2's own schema validator, so patterns, lengths and
// enumerations are checked exactly as `xmllint --schema` checks them, with nothing to install on
// the machine (the Debian package, a CI step and a line in the Docker image are not needed) and
// usable by the API before a download as well as by tests. The file is handed over as bytes: the
// parser reads the ISO-8859-1 declaration itself, so a file whose bytes are not Latin-1 (the Ñ of
// AÑO_MES_ENVIO written as UTF-8) fails here as it would at SEPE.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryPages, validateXML } from 'xmllint-wasm';
import { sepeSchemaFile, type SepeFileKind } from '../domain/sepe/codes';
import { projectRoot } from './paths';

export interface SepeValidation {
  valid: boolean;
  /** xmllint's messages, one per line ("file.xml:12: Schemas validity error : Element ..."). */
  errors: string[];
}

const schemas = new Map<SepeFileKind, Uint8Array>();
function schema(kind: SepeFileKind): Uint8Array {
  let bytes = schemas.get(kind);
  if (!bytes) {
    bytes = readFileSync(join(projectRoot, 'documents', 'sepe', 'xsd', sepeSchemaFile[kind]));
    schemas.set(kind, bytes);
  }
  return bytes;
}

export async function validateSepeXml(xml: Uint8Array, kind: SepeFileKind): Promise<SepeValidation> {
  const result = await validateXML({
    xml: { fileName: `${kind}.xml`, contents: xml },
    schema: { fileName: sepeSchemaFile[kind], contents: schema(kind) },
    // The parsed tree of a 10,000-person file is far past the default 32 MiB.
    maxMemoryPages: memoryPages.GiB,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
