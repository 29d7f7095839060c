import { defineInteg, expectHttp, expectServiceRunning } from './support';

defineInteg('imported-vpc', (integ, network) => {
  expectServiceRunning(integ, network, network.findService('web')!);
  expectHttp(integ, network, '/', 200);
});
