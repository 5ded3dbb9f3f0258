// Toast pulls in antd-mobile's animation library (@react-spring): the API client imports this file
// on its first error toast, so the login page's first download does without it.
export { Toast } from 'antd-mobile';
