/** The workbench page's entry: synthetic shadow (as Lightning base components expect), then the app shell. */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import App from 'wb/app';

const root = document.getElementById('root');
if (root) root.appendChild(createElement('wb-app', { is: App }));
