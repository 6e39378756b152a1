export { TEST_PAYLOAD_KEYS, testDataConverter } from '../../support/payload-keys';
