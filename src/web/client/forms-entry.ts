// public/build/forms.js: enhances the e-forms of the page (see forms.ts). Linked with `defer`,
// so the document is parsed when this runs.
import { type Doc, enhanceForms } from './forms';

// Object.hasOwn (Chrome 93) is used by the validator; older Android phones lack it. The
// validator only calls it at run time, so defining it here, before enhanceForms, is in time.
const O = Object as { hasOwn?: (o: object, k: PropertyKey) => boolean };
O.hasOwn ??= (o, k) => Object.prototype.hasOwnProperty.call(o, k);

enhanceForms((globalThis as unknown as { document: Doc }).document);
