import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import TimelineIcon from '@material-ui/icons/Timeline';
import { screen } from '@testing-library/react';
import { componentEntity, groupEntity } from './__testUtils__/fixtures';
import doraPlugin, {
  doraApi,
  doraEntityCard,
  doraEntityContent,
  doraGroupEntityContent,
  doraPage,
  doraScorecardEntityCard,
} from './alpha';
import { doraApiRef } from './api/DoraApi';

describe('dora plugin for the new frontend system', () => {
  it('is the dora plugin with its API, page, tabs and cards', () => {
    expect(doraPlugin.pluginId).toBe('dora');
    expect(String(doraPlugin)).toContain('dora');
  });

  it('is what the package exports as /alpha', async () => {
    const fromPackage = await import('@dora-metrics/plugin-dora/alpha');
    expect(fromPackage.default).toBe(doraPlugin);
  });

  it('provides the DoraApi', () => {
    const factory = createExtensionTester(doraApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(doraApiRef.id);
  });

  it('mounts the page at /dora', () => {
    expect(
      createExtensionTester(doraPage).get(coreExtensionData.routePath),
    ).toBe('/dora');
  });

  it('gives the page the title and icon the nav needs (no icon, no nav entry)', () => {
    const tester = createExtensionTester(doraPage);
    expect(tester.get(coreExtensionData.title)).toBe('DORA');
    expect(tester.get(coreExtensionData.icon)?.type).toBe(TimelineIcon);
    expect(doraPlugin.title).toBe('DORA metrics');
    expect(doraPlugin.icon?.type).toBe(TimelineIcon);
  });

  it("is listed in the app's nav as DORA, linking to /dora", async () => {
    renderTestApp({
      features: [doraPlugin],
      initialRouteEntries: ['/elsewhere'],
    });
    const link = await screen.findByRole('link', { name: /DORA/ });
    expect(link.getAttribute('href')).toBe('/dora');
  });

  it('shows the DORA tab on components only, and the team tab on groups only', () => {
    const component = componentEntity();
    const group = groupEntity();
    const tab = createExtensionTester(doraEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );
    expect(tab?.(component)).toBe(true);
    expect(tab?.(group)).toBe(false);
    const teamTab = createExtensionTester(doraGroupEntityContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    );
    expect(teamTab?.(group)).toBe(true);
    expect(teamTab?.(component)).toBe(false);
    expect(
      createExtensionTester(doraEntityContent).get(
        EntityContentBlueprint.dataRefs.title,
      ),
    ).toBe('DORA');
  });

  it('shows both cards on components only', () => {
    const filters = [
      createExtensionTester(doraEntityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
      createExtensionTester(doraScorecardEntityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
    ];
    for (const filter of filters) {
      expect(filter?.(componentEntity())).toBe(true);
      expect(filter?.(groupEntity())).toBe(false);
    }
  });
});
