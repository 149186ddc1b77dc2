// Placeholder until the notebook lands (issue 4): the side panel's Notes tab.
export function NotebookPanel() {
  return <p>Notes are not available yet.</p>;
}
