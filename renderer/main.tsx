import { render } from 'preact';

function App() {
  return <main><h1>Lectern</h1><p>Drop text files here.</p></main>;
}

render(<App />, document.getElementById('app')!);
