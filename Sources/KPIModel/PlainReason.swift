import Foundation

/// A file-system error as one plain sentence: the system's reason for the deepest POSIX error a
/// Foundation error wraps ("a file of that name is in the way"), never `NSCocoaErrorDomain Code=516`
/// and its user-info dump. Other errors keep their own description.
public func plainReason(_ error: any Error) -> String {
    var current = error as NSError
    var posix: Int32?
    for _ in 0..<8 {
        if current.domain == NSPOSIXErrorDomain { posix = Int32(current.code) }
        // On Linux the underlying error may be stored as a Swift `Error`, not bridged to NSError.
        guard let next = current.userInfo[NSUnderlyingErrorKey] as? any Error else { break }
        current = next as NSError
    }
    if posix == nil, (error as NSError).domain == NSCocoaErrorDomain {
        switch (error as NSError).code {
        case NSFileWriteFileExistsError: posix = EEXIST
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: posix = ENOENT
        case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: posix = EACCES
        case NSFileWriteOutOfSpaceError: posix = ENOSPC
        case NSFileWriteVolumeReadOnlyError: posix = EROFS
        default: break
        }
    }
    guard let code = posix else {
        return (error as NSError).domain == NSCocoaErrorDomain ? (error as NSError).localizedDescription : "\(error)"
    }
    return posixReason(code)
}

/// errno as a sentence a user can act on.
public func posixReason(_ code: Int32) -> String {
    switch code {
    case EEXIST: "a file of that name is in the way"
    case ENOTDIR: "a part of the path is a file, not a folder"
    case ENOENT: "a folder on the path does not exist"
    case EACCES, EPERM: "permission denied"
    case ENOSPC: "the disk is full"
    case EDQUOT: "the disk quota is exhausted"
    case EROFS: "the file system is read-only"
    case EISDIR: "it is a folder"
    default: String(cString: strerror(code)).lowercased()
    }
}
