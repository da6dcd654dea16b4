import { Button, DotLoading, ErrorBlock } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../../shared/api';
import { humanError, isMembershipRequired, isNotFound } from './errors';

/**
 * What a page shows when its load failed: members-only services send a worker to the join page with
 * the reason; a session that ended goes to sign-in; anything else says what went wrong and offers a retry.
 */
export function ErrorState({
  error,
  onRetry,
  notFound,
}: {
  error: unknown;
  onRetry(): void;
  notFound?: { title: string; description?: string; action: ReactNode };
}) {
  const { t } = useTranslation();
  const location = useLocation();
  if (isMembershipRequired(error)) return <Navigate to="/join?reason=members-only" replace />;
  if (error instanceof ApiError && error.status === 401) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (notFound && isNotFound(error)) {
    return (
      <ErrorBlock
        status="empty"
        title={notFound.title}
        description={notFound.description ?? ''}
        data-testid="not-found"
      >
        {notFound.action}
      </ErrorBlock>
    );
  }
  return (
    <ErrorBlock
      status="default"
      title={t('error.loadFailed')}
      description={<span role="alert">{humanError(error, t)}</span>}
      data-testid="error-state"
    >
      <Button color="primary" onClick={onRetry} className="su-tap" data-testid="retry">
        {t('error.retry')}
      </Button>
    </ErrorBlock>
  );
}

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} role="status" aria-label={t('loading')}>
      <DotLoading />
    </div>
  );
}
