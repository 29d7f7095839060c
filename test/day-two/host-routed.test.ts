import { defineEditMatrix } from './scenarios';

// Host routes `svc-N.example.com` under a public hosted zone: a record per host, certificates requested
// per load balancer (20 buckets by host name), 90 new hosts per load balancer (the assignments file
// from 45 services on keeps which one each host is on).

/**
 * Edits that do not deploy as an update of the edited services alone, with the cause (`headline()` of
 * the diff): none since issue 26. A cause listed here runs its test as `test.failing`, so that a known
 * regression can be recorded without hiding it; `DAY_TWO_CAUSES=1` prints the causes.
 */
const FAILS_TODAY: Record<string, string> = {};

defineEditMatrix('host', FAILS_TODAY);
