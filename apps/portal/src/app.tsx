import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ApiError, onUnauthorized } from './api/client';
import { Loading } from './layout/loading';
import { Shell } from './layout/shell';
import { SignIn } from './features/auth/sign-in';

const Home = lazy(() => import('./features/home/home'));
const NoticesList = lazy(() => import('./features/notices/notices-list'));
const NewNotice = lazy(() => import('./features/notices/new-notice'));
const NoticePage = lazy(() => import('./features/notices/notice-page'));
const Inbox = lazy(() => import('./features/conversations/inbox'));
const Thread = lazy(() => import('./features/conversations/thread'));
const Families = lazy(() => import('./features/families/families'));
const Family = lazy(() => import('./features/families/family'));
const Imports = lazy(() => import('./features/imports/imports'));
const Settings = lazy(() => import('./features/settings/settings'));
const Reach = lazy(() => import('./features/reach/reach'));
const DecisionsList = lazy(() => import('./features/decisions/decisions-list'));
const DecisionPage = lazy(() => import('./features/decisions/decision-page'));
const SurveysList = lazy(() => import('./features/surveys/surveys-list'));
const NewSurvey = lazy(() => import('./features/surveys/new-survey'));
const SurveyPage = lazy(() => import('./features/surveys/survey-page'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a network hiccup may.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** When the session ends, back to sign-in, coming back here afterwards (drafts are kept locally). */
function ReturnToSignIn() {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(
    () =>
      onUnauthorized(() => {
        if (location.pathname === '/sign-in') return;
        queryClient.clear();
        void navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}&expired=1`, { replace: true });
      }),
    [navigate, location],
  );
  return null;
}

export function App() {
  return (
    <MantineProvider forceColorScheme="light" withCssVariables={false} withGlobalClasses={false}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <ReturnToSignIn />
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/sign-in" element={<SignIn />} />
              <Route element={<Shell />}>
                <Route index element={<Home />} />
                <Route path="notices" element={<NoticesList />} />
                <Route path="notices/new" element={<NewNotice />} />
                <Route path="notices/:id" element={<NoticePage />} />
                <Route path="conversations" element={<Inbox />} />
                <Route path="conversations/:id" element={<Thread />} />
                <Route path="families" element={<Families />} />
                <Route path="families/:id" element={<Family />} />
                <Route path="imports" element={<Imports />} />
                <Route path="settings" element={<Settings />} />
                <Route path="surveys" element={<SurveysList />} />
                <Route path="surveys/new" element={<NewSurvey />} />
                <Route path="surveys/:id" element={<SurveyPage />} />
                <Route path="decisions" element={<DecisionsList />} />
                <Route path="decisions/:id" element={<DecisionPage />} />
                <Route path="reach" element={<Reach />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
