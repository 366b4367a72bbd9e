import '@testing-library/jest-dom';

// jsdom renders with user-event typing are slow on a 2-core CI machine under
// load; this is a budget against hangs, not a timing assertion.
jest.setTimeout(20_000);
