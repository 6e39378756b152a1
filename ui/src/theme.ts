import type { GlobalThemeOverrides } from 'naive-ui';

/** A calm deep teal on neutral greys; contrast kept at WCAG AA for text on primary. */
export const brand = {
  primary: '#0b6168',
  primaryHover: '#0e737b',
  primaryPressed: '#084b51',
  primarySuppl: '#0e737b',
};

const font =
  "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";

export const themeOverrides: GlobalThemeOverrides = {
  common: {
    primaryColor: brand.primary,
    primaryColorHover: brand.primaryHover,
    primaryColorPressed: brand.primaryPressed,
    primaryColorSuppl: brand.primarySuppl,
    infoColor: '#1f5f9c',
    infoColorHover: '#3a7fc0',
    infoColorPressed: '#1f5a92',
    successColor: '#2e7d4f',
    successColorHover: '#3a8f5e',
    successColorPressed: '#236440',
    warningColor: '#8f5500',
    warningColorHover: '#a86400',
    warningColorPressed: '#704200',
    errorColor: '#b3261e',
    errorColorHover: '#c6392f',
    errorColorPressed: '#8f1d17',
    fontFamily: font,
    fontSize: '14px',
    fontSizeMedium: '14px',
    borderRadius: '6px',
    bodyColor: '#f5f7f8',
    textColorBase: '#1d2a30',
    textColor1: '#1d2a30',
    textColor2: '#33434a',
    textColor3: '#5b6b72',
    // Placeholders of every field (inputs, selects, date pickers) at WCAG AA contrast.
    placeholderColor: '#5f6e74',
  },
  Layout: {
    siderColor: '#0f2f35',
    siderColorInverted: '#0f2f35',
    siderBorderColorInverted: '#0f2f35',
    headerColor: '#ffffff',
    color: '#f5f7f8',
  },
  Menu: {
    itemTextColorInverted: '#cfe0e2',
    itemIconColorInverted: '#9fbfc2',
    itemTextColorHoverInverted: '#ffffff',
    itemIconColorHoverInverted: '#ffffff',
    itemTextColorActiveInverted: '#ffffff',
    itemIconColorActiveInverted: '#ffffff',
    itemColorActiveInverted: '#17535b',
    itemColorActiveHoverInverted: '#1a5e66',
    itemTextColorChildActiveInverted: '#ffffff',
    itemIconColorChildActiveInverted: '#ffffff',
    groupTextColorInverted: '#8fb0b4',
    itemHeight: '40px',
    dividerColor: 'rgba(255, 255, 255, 0.14)',
  },
  Card: {
    borderRadius: '8px',
    titleFontSizeSmall: '15px',
    titleFontSizeMedium: '16px',
  },
  DataTable: {
    thColor: '#f0f4f5',
    thFontWeight: '600',
    tdColorHover: '#f2f8f8',
  },
  Form: {
    feedbackPadding: '2px 0 8px 2px',
    feedbackHeightMedium: '30px',
  },
  Tabs: {
    tabFontWeightActive: '600',
  },
  // The calendar's weekday names and other months' days, at WCAG AA contrast.
  Calendar: {
    dayTextColor: '#5b6b72',
  },
  // Empty states and placeholders at WCAG AA contrast on white (naive-ui's greys are lighter).
  Empty: {
    textColor: '#5b6b72',
    iconColor: '#8a979c',
  },

};
