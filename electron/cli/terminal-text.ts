// Human output goes to a terminal, which obeys control characters: a title
// carrying ESC [ 2 J (from an imported file or --title) would clear the
// screen, retitle the window or worse. Every control character but newline
// and tab is shown as an escape instead; so are the bytes of a file name that
// is not UTF-8 (fs-path.ts). JSON output is never touched.
import { displayPath } from '../fs-path.ts';

// C0 controls except \t and \n, DEL, and the C1 controls (U+009B is a one-character CSI)
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export const forTerminal = (text: string): string =>
  displayPath(text).replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
