import { appSpecs, defaultWorkers } from './app-specs';

const names = (specs: { name: string }[]) => specs.map((spec) => spec.name);

describe('appSpecs', () => {
  it('runs the API and delivery once per core but one by default, and at least once', () => {
    expect([1, 2, 3, 8].map(defaultWorkers)).toEqual([1, 1, 2, 7]);
  });

  it('runs the API and delivery once per worker and every other app once, each delivery process on its own health port', () => {
    const specs = appSpecs({ DELIVERY_HEALTH_PORT: '4014' }, 3, '/srv/dist');
    expect(names(specs)).toEqual(['sms-sandbox', 'api.0', 'api.1', 'api.2', 'contacts', 'translation', 'dispatcher', 'delivery.0', 'delivery.1', 'delivery.2']);
    expect(specs.filter((spec) => spec.name.startsWith('delivery')).map((spec) => spec.env.HEALTH_PORT)).toEqual(['4014', '4015', '4016']);
    expect(specs.find((spec) => spec.name === 'delivery.1')!.script).toBe('/srv/dist/apps/delivery/src/main.js');
  });

  it('shares the port of the API between its processes through the cluster, and only when there are several', () => {
    expect(
      appSpecs({}, 2, '/d')
        .filter((spec) => spec.cluster)
        .map((spec) => spec.name),
    ).toEqual(['api.0', 'api.1']);
    expect(appSpecs({}, 1, '/d').filter((spec) => spec.cluster)).toEqual([]);
  });

  it('keeps the plain name of an app that runs one process, so its lines read as before', () => {
    expect(names(appSpecs({}, 1, '/d'))).toEqual(['sms-sandbox', 'api', 'contacts', 'translation', 'dispatcher', 'delivery']);
  });

  it('takes one app’s count from <APP>_WORKERS', () => {
    const specs = appSpecs({ DELIVERY_WORKERS: '1', CONTACTS_WORKERS: '2', SMS_SANDBOX_WORKERS: '1' }, 4, '/d');
    expect(names(specs)).toEqual(['sms-sandbox', 'api.0', 'api.1', 'api.2', 'api.3', 'contacts.0', 'contacts.1', 'translation', 'dispatcher', 'delivery']);
  });

  it.each(['0', 'two', '-1', '1.5'])('refuses %p processes with a line that names the variable', (value) => {
    expect(() => appSpecs({ DELIVERY_WORKERS: value }, 2, '/d')).toThrow(/DELIVERY_WORKERS: must be a whole number of processes, 1 or more/);
  });

  it('leaves a health port that is not a number for the app to refuse', () => {
    expect(
      appSpecs({ DELIVERY_HEALTH_PORT: 'not-a-port' }, 2, '/d')
        .filter((s) => s.name.startsWith('delivery'))
        .map((s) => s.env.HEALTH_PORT),
    ).toEqual(['not-a-port', 'not-a-port']);
  });
});
