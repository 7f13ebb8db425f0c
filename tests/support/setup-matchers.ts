// DOM matchers (toBeInTheDocument, toHaveAccessibleName, …) for the client tests; harmless elsewhere.
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/dom';

// The machine is shared and sometimes loaded: give lazy chunks and chart drawing time to appear
// before a waitFor/findBy gives up (the default is one second).
configure({ asyncUtilTimeout: 10_000 });
