// DOM matchers (toBeInTheDocument, toHaveAccessibleName, …) for the client tests; harmless elsewhere.
import '@testing-library/jest-dom/vitest';
