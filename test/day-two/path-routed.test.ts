import { defineEditMatrix } from './scenarios';

// Path routes `/svc-N/*` on the internet-facing load balancer, the ones past its 100 routes on the
// internal one; no hosted zone.

/**
 * Edits that do not deploy as an update of the edited services alone, with the cause (`headline()` of
 * the diff): none since issue 26. A cause listed here runs its test as `test.failing`, so that a known
 * regression can be recorded without hiding it; `DAY_TWO_CAUSES=1` prints the causes.
 */
const FAILS_TODAY: Record<string, string> = {};

defineEditMatrix('path', FAILS_TODAY);
