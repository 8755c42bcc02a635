import { doraTabPath } from './doraTabPath';

describe('doraTabPath', () => {
  it('links to the DORA tab below the entity page, kind and namespace lower-cased', () => {
    expect(doraTabPath('Component:Default/Payments-API')).toBe(
      '/catalog/default/component/Payments-API/dora',
    );
    expect(doraTabPath('group:ops/sre team')).toBe(
      '/catalog/ops/group/sre%20team/dora',
    );
  });
});
