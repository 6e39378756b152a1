// The tests' payload encryption key: every test client and worker encrypts as production does,
// so tests cover the codec on every workflow they run. A test key, not a secret.
import { cauceDataConverter } from '../platform/payload-codec';

// The second key only decrypts: the histories of cases that froze in a fault run
// (test/histories/intervention-frozen-*.json) were written with it.
export const TEST_PAYLOAD_KEYS = `test1:${Buffer.alloc(32, 7).toString('base64')},k20261201:4m4nfIQKo97DUEb2OodC8ZSBhMlCXOS2oTMhZGc0kT8=`;
export const testDataConverter = () => cauceDataConverter(TEST_PAYLOAD_KEYS)!;
