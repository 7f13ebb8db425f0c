// Okabe–Ito colours: distinguishable with every common colour-vision deficiency. Status and health
// are never shown by colour alone: every bar, cell and badge also carries its label (docs/product.md §5).

export const STATUS_COLORS: Record<string, string> = {
  not_started: '#8c8c8c',
  planning: '#56b4e9',
  in_progress: '#0072b2',
  completed: '#009e73',
  suspended: '#cc79a7',
};

export const HEALTH_COLORS: Record<string, string> = {
  on_track: '#0072b2',
  at_risk: '#e69f00',
  off_track: '#d55e00',
  stale: '#8c8c8c',
};

/** Patterns for health badges so that print and monochrome projectors still tell them apart. */
export const HEALTH_SYMBOLS: Record<string, string> = {
  on_track: '●',
  at_risk: '▲',
  off_track: '✖',
  stale: '○',
};
