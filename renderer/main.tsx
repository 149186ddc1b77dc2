import { render } from 'preact';
import { installBridge } from './bridge.ts';
import { App } from './app/App.tsx';
import './styles.css';

installBridge(window);
render(<App />, document.getElementById('app')!);
