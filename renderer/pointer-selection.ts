// When a selection made with the pointer (or Shift+arrows) is read: after the
// release, once the browser has settled it (a click inside a selection
// collapses it only after mouseup), so the read waits for the next task.
// On a busy main thread that task can come late, and two things went wrong:
// a read left from a click ran in the middle of the next drag (a popover on
// half the passage), and a read left from the drag ran after the researcher
// had moved on to the popover's comment field (focus there clears the
// document's selection, so "nothing selected" closed the popover as it was
// being typed in). A press starts a new gesture and voids any read still
// pending; a read runs only while focus is still where the selection was made.

export class PointerSelection {
  private gesture = 0;

  /** A press (mousedown): whatever an earlier release left pending is out of date. */
  press(): void {
    this.gesture++;
  }

  /** A release in `root` (mouseup, or a key up while extending with Shift): `read` runs once the selection has settled. */
  release(root: Element, read: () => void): void {
    const mine = ++this.gesture;
    setTimeout(() => {
      if (mine !== this.gesture) return;
      const focused = document.activeElement;
      if (focused && focused !== document.body && !root.contains(focused)) return;
      read();
    }, 0);
  }
}
