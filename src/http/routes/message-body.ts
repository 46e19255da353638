import { MAIL_LIMITS, parseMime } from '../../mail/index.js';
import { sanitiseHtml, textDocument, type SanitisedBody } from './html-sanitise.js';

export interface ViewerBody extends SanitisedBody {
  kind: 'html' | 'text' | 'none';
  /** Why no body is shown, when it is not. */
  note: string | null;
}

/**
 * The body of a stored message for the dashboard's viewer, sanitised server-side. Parsed with the mail domain's
 * caps (size, header bytes, nesting); a message the parser refuses is shown as "not rendered", never raw.
 */
export async function viewerBody(raw: Uint8Array): Promise<ViewerBody> {
  const empty = (note: string): ViewerBody => ({ ...textDocument(''), kind: 'none', note });
  if (raw.length > MAIL_LIMITS.messageBytes) return empty(`message is larger than ${MAIL_LIMITS.messageBytes} bytes`);
  let email;
  try {
    email = await parseMime(raw);
  } catch (e) {
    return empty(`the MIME parser refused this message: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}`);
  }
  if (email.html !== undefined && email.html.trim() !== '') return { ...sanitiseHtml(email.html), kind: 'html', note: null };
  if (email.text !== undefined && email.text.trim() !== '') return { ...textDocument(email.text), kind: 'text', note: null };
  return empty('the message has no text or HTML body');
}
