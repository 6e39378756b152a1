export { freePort } from '../../support/ports';
