/** Workflow entry point for the worker's bundle: every workflow type golive registers. */
export { cutoverWorkflow } from './cutover';
