/**
 * The code that talks to LibreOffice over the UNO bridge, defined by a class loader of its own together
 * with the installation's {@code libreoffice.jar}; never called back synchronously from LibreOffice's
 * callbacks, and every hook it places is removed at stop.
 */
package dev.understudy.plugins.office.uno.bridge;
