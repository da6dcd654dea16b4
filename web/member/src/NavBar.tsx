import 'antd-mobile/es/components/nav-bar/nav-bar.css';
import { LeftOutline } from 'antd-mobile-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The top bar of every member page, drawn with antd-mobile's nav-bar styles. antd-mobile's own NavBar marks
 * its whole left area as an unnamed button (wrapping the member's own buttons in it), which screen readers
 * announce as "button" and nothing more; here the back arrow is a real, named button and the title is the
 * page's heading, unless the page carries its own h1 (`titleIsHeading={false}`).
 */
export function NavBar({
  onBack,
  back,
  left,
  right,
  titleIsHeading = true,
  children,
}: {
  onBack?: () => void;
  /** `null`: no back arrow (the home page). */
  back?: null;
  left?: ReactNode;
  right?: ReactNode;
  titleIsHeading?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const Title = titleIsHeading && children ? 'h1' : 'div';
  return (
    <header className="adm-nav-bar su-nav-bar">
      <div className="adm-nav-bar-left">
        {back !== null && onBack && (
          <button
            type="button"
            className="adm-nav-bar-back su-nav-back"
            onClick={onBack}
            aria-label={t('back')}
            data-testid="back"
          >
            <span className="adm-nav-bar-back-arrow" aria-hidden="true">
              <LeftOutline />
            </span>
          </button>
        )}
        {left}
      </div>
      <Title className="adm-nav-bar-title">{children}</Title>
      <div className="adm-nav-bar-right">{right}</div>
    </header>
  );
}
