import { supervisionLayout } from '../supervision-layout.js';

export const layout = supervisionLayout('worker', '被督导社工');
