// Data that server-rendered pages hand to their browser scripts (web/client/*), as JSON data
// blocks: <script type="application/json"> is never executed, so the CSP allows it.
import type { FormDefinition } from '../modules/forms/model';

/**
 * JSON for a data block: `<` is written \u003c, so no text in the data (a label with
 * "</script>" or "<!--") can end the block early. JSON.parse reads it back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The e-form definition for web/client/forms.ts: put it anywhere in the page of a <form data-eform>. */
export function EformDefinitionScript({ def, id = 'eform-definition' }: { def: FormDefinition; id?: string }) {
  return (
    <script type="application/json" id={id}>
      {jsonForScript(def) as 'safe'}
    </script>
  );
}
