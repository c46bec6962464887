/**
 * The version of this copy of the widgets. Kept on every element class (`static version`) so that
 * two copies on one page (an npm build and the CDN bundle, or the CDN script pasted twice) can be
 * told apart in the registration warning. `version.test.ts` keeps it equal to package.json.
 */
export const VERSION = '0.1.0';
