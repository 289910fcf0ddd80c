import { supervisionLayout } from '../supervision-layout.js';

export const layout = supervisionLayout('supervisee', '督导对象');
