import {
  Sidebar,
  SidebarDivider,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import { MyGroupsSidebarItem } from '@backstage/plugin-org';
import GroupIcon from '@material-ui/icons/People';

// The legacy example's sidebar: the catalog, its teams, the user's teams,
// then DORA and whatever other pages the installed plugins bring.
const sidebar = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const nav = navItems.withComponent(item => (
        <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
      ));
      return (
        <Sidebar>
          <SidebarDivider />
          <SidebarScrollWrapper>
            {nav.take('page:catalog')}
            <SidebarItem
              icon={GroupIcon}
              to="/catalog?filters[kind]=group"
              text="Teams"
            />
            <MyGroupsSidebarItem
              singularTitle="My team"
              pluralTitle="My teams"
              icon={GroupIcon}
            />
            {nav.take('page:dora')}
            {nav.rest({ sortBy: 'title' })}
          </SidebarScrollWrapper>
          <SidebarSpace />
        </Sidebar>
      );
    },
  },
});

export const navModule = createFrontendModule({
  pluginId: 'app',
  extensions: [sidebar],
});
