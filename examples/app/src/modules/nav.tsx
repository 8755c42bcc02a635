import {
  Sidebar,
  SidebarDivider,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { MyGroupsSidebarItem } from '@backstage/plugin-org';
import GroupIcon from '@material-ui/icons/People';

// The legacy example's sidebar: the catalog, its teams, the user's teams,
// then DORA and whatever other pages the installed plugins bring; at the
// bottom the notifications bell with its unread count (the notifications
// plugin leaves its nav item to the app).
const sidebar = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const nav = navItems.withComponent(item => (
        <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
      ));
      // The bell below replaces the page's plain nav item.
      nav.take('page:notifications');
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
          <SidebarDivider />
          <NotificationsSidebarItem />
        </Sidebar>
      );
    },
  },
});

export const navModule = createFrontendModule({
  pluginId: 'app',
  extensions: [sidebar],
});
