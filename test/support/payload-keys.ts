// The tests' payload encryption key: every test client and worker encrypts as production does,
// so tests cover the codec on every workflow they run. A test key, not a secret.
import { cauceDataConverter } from '../../platform/payload-codec';

export const TEST_PAYLOAD_KEYS = `test1:${Buffer.alloc(32, 7).toString('base64')}`;
export const testDataConverter = () => cauceDataConverter(TEST_PAYLOAD_KEYS)!;
