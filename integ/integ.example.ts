import { defineInteg, expectHttp, expectServiceRunning } from './support';

defineInteg('example', (integ, { network, urls }) => {
  // every service runs without a public IP, and the load balancer routes / to web
  for (const service of network.services) expectServiceRunning(integ, network, service);
  expectHttp(integ, `${urls.example}/`, 200);
});
