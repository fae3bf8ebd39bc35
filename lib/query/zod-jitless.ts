import { z } from 'zod';

// zod probes for eval (`new Function("")`) before its first object parse. The
// page CSP forbids eval, and Chromium reports the probe as a violation even
// though zod catches it and falls back; jitless skips the probe in the browser
// (docs/operations.md, "Security headers").
if (typeof window !== 'undefined') z.config({ jitless: true });
