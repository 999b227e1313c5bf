export { constant_initializer, ones_initializer, zeros_initializer } from './tf1.js';
