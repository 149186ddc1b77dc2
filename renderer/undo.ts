// The app has one Undo (the toast's button and Mod-Z). A view that makes a
// change it can take back hands it over as this: what the toast says, and how.
export type ActionUndo = { message: string; run(): Promise<void> };
