// Side-effect stylesheet imports, bundled by esbuild into app.css.
declare module '*.css';
