import { defineInteg, expectHttp, expectServiceRunning } from './support';

defineInteg('imported-vpc', (integ, { network, urls }) => {
  expectServiceRunning(integ, network, network.findService('web')!);
  expectHttp(integ, `${urls['imported-vpc']}/`, 200);
});
