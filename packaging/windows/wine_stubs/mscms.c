/* mscms.dll for Wine: the four colour-profile functions qwindows.dll imports (Wine's own mscms
 * lacks WcsCreateIccProfile). Every call fails as on a machine without a colour profile, and Qt
 * then uses sRGB. Load with WINEDLLOVERRIDES=mscms=n. Test aid only. */
#include <windows.h>

#define EXPORT __declspec(dllexport)

EXPORT HANDLE WINAPI OpenColorProfileW(void *profile, DWORD access, DWORD share, DWORD creation)
{ (void)profile; (void)access; (void)share; (void)creation; SetLastError(ERROR_NOT_SUPPORTED); return NULL; }
EXPORT BOOL WINAPI CloseColorProfile(HANDLE profile) { (void)profile; return TRUE; }
EXPORT BOOL WINAPI GetColorProfileFromHandle(HANDLE profile, BYTE *buffer, DWORD *size)
{ (void)profile; (void)buffer; if (size) *size = 0; SetLastError(ERROR_NOT_SUPPORTED); return FALSE; }
EXPORT HANDLE WINAPI WcsCreateIccProfile(HANDLE profile, DWORD options)
{ (void)profile; (void)options; SetLastError(ERROR_NOT_SUPPORTED); return NULL; }
