import { Content, Header, Page } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { InitiativePage } from '../Initiatives/InitiativePage';
import { DoraOverview } from './DoraOverview';
import { ScorecardDetail } from './ScorecardDetail';

export interface DoraPageProps {
  title?: string;
}

/** The DORA page: teams side by side, scorecards, and a scorecard's services. */
export function DoraPage(props: DoraPageProps) {
  return (
    <Page themeId="tool">
      <Header
        title={props.title ?? 'DORA metrics'}
        subtitle="Teams, services and their working agreements"
      />
      <Content>
        <Routes>
          <Route path="/" element={<DoraOverview />} />
          <Route
            path="/scorecards/:scorecardId"
            element={<ScorecardDetail />}
          />
          <Route
            path="/initiatives/:initiativeId"
            element={<InitiativePage />}
          />
        </Routes>
      </Content>
    </Page>
  );
}
