/**
 * Browser replay: re-executes a recorded browser session in a fresh Chromium from its captured locators
 * alone, with trusted DevTools input, and reports per action how its target resolved.
 */
package dev.understudy.plugins.browser.replay;
