import { defineInteg, expectHttp, expectHttpsOnly } from './support';

defineInteg('https-host-routing', (integ, { network, urls }) => {
  // an HTTPS listener with a TLS 1.3 policy, port 80 redirecting to it, and each host reaching its service
  expectHttpsOnly(integ, network);
  expectHttp(integ, `${urls.shop}/`, 200);
  expectHttp(integ, `${urls.admin}/`, 200);
  expectHttp(integ, `${urls.unrouted}/`, 404);
});
