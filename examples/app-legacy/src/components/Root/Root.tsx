import {
  Sidebar,
  SidebarDivider,
  SidebarItem,
  SidebarPage,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { MyGroupsSidebarItem } from '@backstage/plugin-org';
import CategoryIcon from '@material-ui/icons/Category';
import GroupIcon from '@material-ui/icons/People';
import TimelineIcon from '@material-ui/icons/Timeline';
import { PropsWithChildren } from 'react';

export const Root = ({ children }: PropsWithChildren<{}>) => (
  <SidebarPage>
    <Sidebar>
      <SidebarDivider />
      <SidebarScrollWrapper>
        <SidebarItem icon={CategoryIcon} to="catalog" text="Catalog" />
        <SidebarItem
          icon={GroupIcon}
          to="catalog?filters[kind]=group"
          text="Teams"
        />
        <MyGroupsSidebarItem
          singularTitle="My team"
          pluralTitle="My teams"
          icon={GroupIcon}
        />
        <SidebarItem icon={TimelineIcon} to="dora" text="DORA" />
      </SidebarScrollWrapper>
      <SidebarSpace />
      <SidebarDivider />
      {/* The bell: the DORA plugins' notifications, with the unread count.
          It polls: the example backend runs without the signals backend. */}
      <NotificationsSidebarItem />
    </Sidebar>
    {children}
  </SidebarPage>
);
