export * from './format';
export * from './messages';
export * from './letter-templates';
export * from './statement-labels';
export { sampleReminderLetter, samplePromiseConfirmation, sampleStatementCover } from './samples';
