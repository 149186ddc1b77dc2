// Another process may change the library while the app shows it: the CLI
// (two processes on one library is normal use) or the versions worker, which
// writes relations through its own connection. A poll of the library's
// version (SQLite's data_version: it moves only when another connection
// commits, and reads no table) tells the app to re-read what it shows.
import { useEffect, useRef } from 'preact/hooks';

const POLL_MS = 2000;

export function useChangesElsewhere(onChange: () => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let last: number | null = null;
    let live = true;
    const poll = async () => {
      if (document.hidden) return;
      try {
        const now = await window.lectern.libraryVersion();
        if (live && last !== null && now !== last) latest.current();
        last = now;
      } catch { /* the library is being closed or moved: the next poll asks again */ }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => { live = false; clearInterval(timer); };
  }, []);
}
