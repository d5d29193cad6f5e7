package dev.pm.db.test.autoconfigure;

import org.springframework.stereotype.Service;

/** A component of the application, which database slices leave out. */
@Service
public class ItemService {

}
